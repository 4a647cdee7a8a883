declare module '@iarna/toml/stringify.js' {
  const stringify: (value: Record<string, unknown>) => string;
  export default stringify;
}
