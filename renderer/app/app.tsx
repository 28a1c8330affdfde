// The application shell. Later issues fill in the library, the views and the graph.
export function App() {
  return (
    <main className="shell" aria-labelledby="app-title">
      <h1 id="app-title">Ariadne</h1>
      <p>IAM policy visualiser and auditor for AWS.</p>
      <p className="muted">Open a snapshot to begin: an authorization-details file or an Ariadne bundle.</p>
    </main>
  );
}
