// Names and words for the synthetic forum, generated from a fixed seed so every run builds the same forum.
import countries from "i18n-iso-countries";
import { flagSvg } from "../../lib/countries";

/** mulberry32: small, fast, good enough for picking words. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// No prefix is the start of another (case-insensitively) and neither list holds digits, so
// prefix + suffix + number is decodable: every generated name is unique.
const PREFIXES = [
  "Iron",
  "Black",
  "Silent",
  "Red",
  "Grey",
  "Night",
  "Storm",
  "Steel",
  "North",
  "Desert",
  "Sea",
  "Wild",
  "Cold",
  "Blue",
  "Dark",
  "Swift",
  "Lone",
  "Old",
  "Green",
  "Gold",
];
const SUFFIXES = [
  "Wolf",
  "Eagle",
  "Hawk",
  "Fox",
  "Bear",
  "Lion",
  "Viper",
  "Falcon",
  "Raven",
  "Tiger",
  "Shark",
  "Rider",
  "Hunter",
  "Scout",
  "Ranger",
  "Pilot",
  "Sailor",
  "Marshal",
  "Gunner",
  "Sentinel",
];

export function memberName(n: number): string {
  const p = PREFIXES[n % PREFIXES.length]!;
  const s = SUFFIXES[Math.floor(n / PREFIXES.length) % SUFFIXES.length]!;
  const k = Math.floor(n / (PREFIXES.length * SUFFIXES.length));
  return k === 0 ? `${p}${s}` : `${p}${s}${k}`;
}

export const CUSTOM_TITLES = [
  "Think Tank Analyst",
  "Veteran",
  "Professional",
  "Military Historian",
  "Defence Correspondent",
  "Retired Officer",
  "Senior Analyst",
];
export const LOCATIONS = [
  "Lahore",
  "Karachi",
  "Istanbul",
  "London",
  "Berlin",
  "Toronto",
  "Sydney",
  "Riyadh",
  "Cairo",
  "Jakarta",
  "Warsaw",
  "Madrid",
  "Austin",
  "Seoul",
  "Nairobi",
];

/** ISO 3166-1 alpha-2 codes the app can name and draw a flag for. */
export function countryCodes(): string[] {
  return Object.keys(countries.getAlpha2Codes())
    .filter((code) => countries.isValid(code) && flagSvg(code) !== null)
    .sort();
}

export const FORUM_NAMES = [
  "Global Defence",
  "Land Forces",
  "Naval Forces",
  "Air Forces",
  "Missiles and Strategic Weapons",
  "Military History",
  "World Affairs",
  "Economy and Development",
  "Space and Satellites",
  "Intelligence and Security",
  "Defence Industry",
  "Procurement News",
  "Regional Politics",
  "Europe",
  "Americas",
  "Middle East",
  "South Asia",
  "East Asia",
  "Africa",
  "Oceania",
  "Technology",
  "Cyber Warfare",
  "Small Arms",
  "Armoured Vehicles",
  "Helicopters",
  "Unmanned Systems",
  "Logistics",
  "Training and Doctrine",
  "Members' Lounge",
  "Site Feedback",
];

export const CATEGORY_NAMES = ["Defence", "Forces", "World", "Regions", "Equipment", "Community"];

export const TITLE_TOPICS = [
  "Frigate programme",
  "Fighter jet procurement",
  "Submarine deal",
  "Tank modernisation",
  "Air defence network",
  "Border tensions",
  "Defence budget",
  "Drone strike",
  "Naval exercise",
  "Missile test",
  "Satellite launch",
  "Helicopter order",
  "Artillery upgrade",
  "Joint exercise",
  "Shipyard expansion",
  "Radar contract",
  "Training aircraft",
  "Coastal patrol vessels",
  "Armoured vehicle trials",
  "Export deal",
];
export const TITLE_ANGLES = [
  "latest news",
  "discussion",
  "analysis and updates",
  "what we know so far",
  "delays and cost overruns",
  "pictures and videos",
  "official statement",
  "rumours thread",
  "timeline",
  "comparison with rivals",
];
