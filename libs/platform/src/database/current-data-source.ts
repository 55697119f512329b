import type { DataSource } from 'typeorm';

/**
 * A DataSource that is, on every property access, the service's current one. Credential
 * rotation replaces the DataSource (a new role needs a new pool); classes that inject
 * `DataSource` keep one object for their lifetime, and this is it.
 */
export function followingCurrent(current: () => DataSource): DataSource {
  return new Proxy({} as DataSource, {
    get(_target, property) {
      const dataSource = current();
      const value = Reflect.get(dataSource, property, dataSource);
      return typeof value === 'function' ? value.bind(dataSource) : value;
    },
  });
}
