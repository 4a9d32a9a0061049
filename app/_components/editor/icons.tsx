// The editor toolbar's icons: decorative (the buttons carry the names), drawn in currentColor.

type IconProps = { className?: string };

function Stroke({ children, className = "size-5" }: IconProps & { children: React.ReactNode }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      {children}
    </svg>
  );
}

export function BoldIcon(props: IconProps) {
  return (
    <Stroke {...props}>
      <path d="M7 5h6a3.5 3.5 0 0 1 0 7H7z" strokeWidth={2.5} />
      <path d="M7 12h7a3.5 3.5 0 0 1 0 7H7z" strokeWidth={2.5} />
    </Stroke>
  );
}

export function ItalicIcon(props: IconProps) {
  return (
    <Stroke {...props}>
      <path d="M10 5h8M6 19h8M14.5 5l-5 14" />
    </Stroke>
  );
}

export function LinkIcon(props: IconProps) {
  return (
    <Stroke {...props}>
      <path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" />
      <path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />
    </Stroke>
  );
}

export function ImageIcon(props: IconProps) {
  return (
    <Stroke {...props}>
      <rect x="3" y="3" width="18" height="18" rx="2" />
      <circle cx="8.5" cy="8.5" r="1.5" />
      <path d="M21 15l-5-5L5 21" />
    </Stroke>
  );
}

export function ListIcon(props: IconProps) {
  return (
    <Stroke {...props}>
      <path d="M9 6h11M9 12h11M9 18h11" />
      <path d="M4 6h.01M4 12h.01M4 18h.01" strokeWidth={3} />
    </Stroke>
  );
}

export function BlockQuoteIcon({ className = "size-5" }: IconProps) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      <path d="M6 17h3l2-4V7H5v6h3zm8 0h3l2-4V7h-6v6h3z" />
    </svg>
  );
}

export function CodeIcon(props: IconProps) {
  return (
    <Stroke {...props}>
      <path d="M16 18l6-6-6-6M8 6l-6 6 6 6" />
    </Stroke>
  );
}

export function SpoilerIcon(props: IconProps) {
  return (
    <Stroke {...props}>
      <path d="M17.94 17.94A10.07 10.07 0 0 1 12 20c-7 0-11-8-11-8a18.45 18.45 0 0 1 5.06-5.94M9.9 4.24A9.12 9.12 0 0 1 12 4c7 0 11 8 11 8a18.5 18.5 0 0 1-2.16 3.19m-6.72-1.07a3 3 0 1 1-4.24-4.24" />
      <path d="M1 1l22 22" />
    </Stroke>
  );
}

export function SmileIcon(props: IconProps) {
  return (
    <Stroke {...props}>
      <circle cx="12" cy="12" r="10" />
      <path d="M8 14s1.5 2 4 2 4-2 4-2" />
      <path d="M9 9h.01M15 9h.01" strokeWidth={3} />
    </Stroke>
  );
}
