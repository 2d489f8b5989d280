import { Link } from 'react-router';

export default function NotFoundPage() {
  return (
    <section className="my-4">
      <h1 className="h3">Page not found</h1>
      <p>
        That address does not lead anywhere. <Link to="/">Go to the start page</Link>.
      </p>
    </section>
  );
}
