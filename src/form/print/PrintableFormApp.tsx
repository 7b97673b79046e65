// Placeholder until the printable form is written.
export default function PrintableFormApp() {
  return null;
}
