/** A face whose mouth bends with the level: a picture for those who read neither script. Decorative only. */
export function LevelFace({ stars }: { stars: 1 | 2 | 3 | 4 | 5 }) {
  const bend = (stars - 3) * 6; // +12 smile … -12 frown
  return (
    <svg className="level-face" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="17" cy="19" r="2.6" fill="currentColor" />
      <circle cx="31" cy="19" r="2.6" fill="currentColor" />
      <path d={`M14 ${32 - bend / 3} Q24 ${32 + bend} 34 ${32 - bend / 3}`} fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
