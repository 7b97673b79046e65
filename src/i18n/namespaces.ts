/** Message files per screen family; kept apart from index.ts so Node scripts can read the list. */
export const NAMESPACES = ['kiosk', 'staff', 'admin', 'form', 'print', 'cases', 'serviceCases', 'phone', 'reports', 'monthClose', 'bulletin', 'annual', 'rankings', 'disclosure', 'public'] as const;
export type Namespace = (typeof NAMESPACES)[number];
