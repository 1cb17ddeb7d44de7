import Link from "next/link";

export default function NotFound() {
  return (
    <html lang="en">
      <body>
        <main style={{ fontFamily: "system-ui", padding: "1rem" }}>
          <h1>404</h1>
          <p>
            <Link href="/kk">Қазақша</Link> · <Link href="/ru">Русский</Link> · <Link href="/en">English</Link>
          </p>
        </main>
      </body>
    </html>
  );
}
