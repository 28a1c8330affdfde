// The Query and Findings views before the evaluation engine and the analysis land.
import { Placeholder } from '../../app/ui';

/** A view that a later stage builds. */
export function NotYetView(props: { title: string; what: string }) {
  return (
    <div className="view">
      <header className="view-header">
        <h2>{props.title}</h2>
      </header>
      <Placeholder title={`${props.title}: not built yet`}>{props.what}</Placeholder>
    </div>
  );
}
