import Link from "next/link";
import "./globals.css";

export default function Forbidden() {
  return (
    <html lang="en">
      <body>
        <main className="bare-page">
          <h1>403</h1>
          <p lang="kk">Бұл бетке рұқсатыңыз жоқ.</p>
          <p lang="ru">У вас нет доступа к этой странице.</p>
          <p lang="en">You do not have access to this page.</p>
          <p>
            <Link href="/kk/staff">Қазақша</Link> · <Link href="/ru/staff">Русский</Link> · <Link href="/en/staff">English</Link>
          </p>
        </main>
      </body>
    </html>
  );
}
