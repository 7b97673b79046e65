import { SignedInShell } from '../account/SignedInShell';
import { useAppServices } from '../app-context';
import { RatingsScreen } from './RatingsScreen';
import './staff.css';

/** /staff: window staff, leads, the office, supervision and personnel see the ratings their roles allow. */
export default function StaffApp() {
  const { db } = useAppServices();
  return (
    <SignedInShell namespaces={['staff']} titleKey="staff:signIn.staffTitle" className="staff-app">
      {({ me }) => <RatingsScreen db={db} me={me} />}
    </SignedInShell>
  );
}
