// An accessible combobox: a text input with a list of suggestions (ARIA 1.2 combobox pattern):
// arrows move, Enter picks, Escape closes; the input stays free text. Imports React only.
import { useId, useState, type KeyboardEvent } from 'react';
import { Ticked } from './ticked';

/** One suggestion. */
export interface ComboOption {
  value: string;
  label: string;
  hint?: string;
}

/** A text input with suggestions; `options` are already filtered for `value` by the caller. */
export function Combobox(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly ComboOption[];
  placeholder?: string;
  problem?: string | undefined;
  className?: string;
  hideLabel?: boolean;
  testId?: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const shown = open && props.options.length > 0;
  const pick = (o: ComboOption): void => {
    props.onChange(o.value);
    setOpen(false);
    setActive(-1);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, props.options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && shown && active >= 0 && props.options[active]) {
      e.preventDefault();
      pick(props.options[active]);
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      setOpen(false);
    }
  };
  return (
    <div className={`combo ${props.className ?? ''}`}>
      <label htmlFor={`${id}-input`} className={props.hideLabel ? 'visually-hidden' : 'field-label'}>
        {props.label}
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={props.problem ? `${id}-problem` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={props.value}
        placeholder={props.placeholder}
        data-testid={props.testId}
        onChange={(e) => {
          props.onChange(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKey}
      />
      <ul id={`${id}-list`} role="listbox" aria-label={`${props.label} suggestions`} className="combo-list" hidden={!shown}>
        {shown &&
          props.options.map((o, i) => (
            <li
              key={o.value}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
            >
              <span className="combo-label">{o.label}</span>
              {o.hint ? <span className="combo-hint">{o.hint}</span> : null}
            </li>
          ))}
      </ul>
      {props.problem ? (
        <p id={`${id}-problem`} className="field-problem">
          <Ticked text={props.problem} />
        </p>
      ) : null}
    </div>
  );
}
