// The islands' wrappers (./island.tsx): custom elements styled `display: contents` (globals.css).
import "react";

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "parley-island": { "data-c": string; "data-p": string; children?: ReactNode };
      "parley-slot": { children?: ReactNode; hidden?: boolean };
    }
  }
}
