// Shared by server and browser code.
export const PASSWORD_MIN = 10;
