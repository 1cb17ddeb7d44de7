import Link from "next/link";
import "./globals.css";

export default function NotFound() {
  return (
    <html lang="kk">
      <body>
        <main className="bare-page">
          <h1>
            404 · <span lang="kk">Бет табылмады</span> · <span lang="ru">Страница не найдена</span> · <span lang="en">Page not found</span>
          </h1>
          <p lang="kk">Мұндай бет жоқ немесе ол жойылған. Басты бетке өтіңіз:</p>
          <p lang="ru">Такой страницы нет, или она удалена. Перейдите на главную:</p>
          <p lang="en">There is no such page, or it has been removed. Go to the home page:</p>
          <p>
            <Link href="/kk" lang="kk">Қазақша</Link> · <Link href="/ru" lang="ru">Русский</Link> · <Link href="/en" lang="en">English</Link>
          </p>
        </main>
      </body>
    </html>
  );
}
