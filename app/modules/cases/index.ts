// What other code (benches, other modules) may use of the module `cases`.
export {};
