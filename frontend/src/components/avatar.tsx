// A person's photo, or their initials in a circle when there is none. It always sits beside their name, so it is
// decorative to screen readers.
const pixels = { md: 40, lg: 64 } as const;

export function Avatar({ name, photoUrl, size = 'md' }: { name: string; photoUrl?: string | null; size?: 'md' | 'lg' }) {
  if (photoUrl) {
    return (
      <img
        className={`avatar avatar-${size}`}
        src={photoUrl}
        alt=""
        width={pixels[size]}
        height={pixels[size]}
        // cards further down a list load as they come into view; a profile's own photo is above the fold
        loading={size === 'md' ? 'lazy' : 'eager'}
        decoding="async"
      />
    );
  }
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0]!.toUpperCase())
    .join('');
  return (
    <span className={`avatar avatar-${size}`} aria-hidden="true">
      {initials || '?'}
    </span>
  );
}
