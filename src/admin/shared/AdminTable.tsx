import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The admin screens' one table shape: column heads, then an unlabelled actions column; rows come as children. */
export function AdminTable({ headers, testId, children }: { headers: string[]; testId?: string; children: ReactNode }) {
  const { t } = useTranslation('admin');
  return (
    <div className="table-wrap">
      <table className="admin-table" data-testid={testId}>
        <thead>
          <tr>
            {headers.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
