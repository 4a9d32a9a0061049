import type { MetadataRoute } from "next";

/** The web app manifest (/manifest.webmanifest): a phone's "Add to home screen" gets a name, an
 * icon and the forum's colours. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Parley",
    short_name: "Parley",
    description: "Parley: an open-source discussion forum",
    start_url: "/",
    display: "browser",
    background_color: "#ffffff",
    theme_color: "#1d4f88",
    icons: [{ src: "/icon.svg", sizes: "any", type: "image/svg+xml" }],
  };
}
