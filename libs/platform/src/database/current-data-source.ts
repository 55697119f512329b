/**
 * An object that is, on every property access, whatever `current()` returns now. Credential
 * rotation replaces objects that hold a login (a DataSource: a new role needs a new pool; a
 * Stripe client: one API key each); classes that inject them keep one object for their
 * lifetime, and this is it.
 */
export function followingCurrent<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get(_target, property) {
      const dataSource = current();
      const value = Reflect.get(dataSource, property, dataSource);
      return typeof value === 'function' ? value.bind(dataSource) : value;
    },
  });
}
