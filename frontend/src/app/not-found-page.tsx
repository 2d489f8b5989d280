import { NotFound } from '../components/page-state';

export default function NotFoundPage() {
  return <NotFound title="Page not found" back={{ to: '/', label: 'Go to the start page' }} />;
}
