// Stands in for the "server-only" marker package in tests, which run as server code.
export {};
