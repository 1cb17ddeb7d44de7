"use client";

/** Opens the browser's print dialogue (the page's print styles leave only the poster). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {label}
    </button>
  );
}
