/** CSS Modules (`Thing.module.css` beside `Thing.tsx`), compiled by Vite into class names. */
declare module '*.module.css' {
  const classes: Readonly<Record<string, string>>;
  export default classes;
}
