import Link from "next/link";

export function Breadcrumbs({ trail }: { trail: { label: string; href: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm">
      <ol className="flex flex-wrap gap-1 text-slate-600">
        <li>
          <Link href="/">Forums</Link>
        </li>
        {trail.map((crumb) => (
          <li key={crumb.href} className="before:mr-1 before:content-['›']">
            <Link href={crumb.href}>{crumb.label}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
