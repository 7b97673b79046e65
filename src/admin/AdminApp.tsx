// Placeholder while the administration screens are written.
export default function AdminApp() {
  return null;
}
