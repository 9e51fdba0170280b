export function App() {
  return (
    <main>
      <h1>Ward</h1>
      <p>Your two-factor codes, end-to-end encrypted.</p>
    </main>
  );
}
