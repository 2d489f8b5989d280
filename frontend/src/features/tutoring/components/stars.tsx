export function Stars({ rating }: { rating: { average: number | null; count: number } }) {
  if (!rating.count) return <span className="small text-secondary">No reviews yet</span>;
  return (
    <span className="small">
      <span aria-hidden="true" className="text-warning">
        {'★'.repeat(Math.round(rating.average ?? 0))}
        {'☆'.repeat(5 - Math.round(rating.average ?? 0))}
      </span>{' '}
      {rating.average?.toFixed(1)} out of 5 ({rating.count} {rating.count === 1 ? 'review' : 'reviews'})
    </span>
  );
}
