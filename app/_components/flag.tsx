import { flagUrl } from "@/lib/urls";

/** A country flag whose accessible name is the country's name. */
export function Flag({ code, name }: { code: string; name: string }) {
  return (
    // eslint-disable-next-line @next/next/no-img-element -- tiny static SVGs, no optimisation wanted
    <img
      src={flagUrl(code)}
      alt={name}
      title={name}
      width={21}
      height={14}
      className="inline-block rounded-[2px] shadow-sm ring-1 ring-black/10"
    />
  );
}
