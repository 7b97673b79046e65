// The kiosk's one lazy chunk for invitations (一次一评): the loop with its API client, the writes the screen needs
// and the staff panel. One dynamic import in the first paint instead of several keeps the idle kiosk's script small;
// an enrolled kiosk loads it right after its first paint, well before anyone opens the panel.
export { startInvitationLoop } from '../data/invitation-loop';
export { dropInvitation, markInvitationShown } from '../data/invitation-store';
export { default as InvitePanel } from './InvitePanel';
