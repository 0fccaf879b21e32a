import styles from './Paddle.module.css';

/**
 * The paddle, hole by hole. Red beads are solid with a white cross and white beads are
 * hollow rings, so they differ in shape as well as colour. Beads fill in one after the other.
 */
export function Paddle({
  beads,
  size = 'normal',
  label,
}: {
  beads: ('red' | 'white')[];
  size?: 'normal' | 'large';
  label: string;
}) {
  const red = beads.filter((b) => b === 'red').length;
  const columns = beads.length >= 50 ? 10 : Math.ceil(Math.sqrt(beads.length));
  return (
    <div
      className={`${styles.paddle} ${size === 'large' ? styles.large : ''}`}
      role="img"
      aria-label={`${label}: ${red} red and ${beads.length - red} white beads`}
      style={{ gridTemplateColumns: `repeat(${columns}, max-content)` }}
    >
      {beads.map((bead, i) => (
        <span
          key={i}
          className={`${styles.bead} ${bead === 'red' ? styles.red : styles.white}`}
          style={{ animationDelay: `${i * 18}ms` }}
        />
      ))}
    </div>
  );
}
