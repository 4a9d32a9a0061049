// A second entry of the islands build, loaded by no page: what it imports (React and ReactDOM) is
// shared with app/_islands/client.tsx, so esbuild puts it in a chunk of its own, which the bench
// can count as runtime apart from the islands' own code (scripts/bench/http.ts).
import "react";
import "react/jsx-runtime";
import "react-dom/client";
