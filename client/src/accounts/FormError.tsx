/** A form's error, announced as it appears, and named by the inputs it is about. */
export function FormError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p className="error" id={id} role="alert">
      {message}
    </p>
  );
}
