import { getJestProjectsAsync } from '@nx/jest';

// Runs every project's Jest configuration from the root: `npx jest` sees the whole workspace.
export default async () => ({
  projects: await getJestProjectsAsync(),
});
