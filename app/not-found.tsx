export default function NotFound() {
  return (
    <html lang="en">
      <body>
        <main style={{ fontFamily: "system-ui", padding: "1rem" }}>
          <h1>404</h1>
          <p>
            <a href="/kk">Қазақша</a> · <a href="/ru">Русский</a> · <a href="/en">English</a>
          </p>
        </main>
      </body>
    </html>
  );
}
