// Placeholder until the paper form is written.
export default function PaperFormApp() {
  return null;
}
