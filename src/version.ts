/** This library's version, recorded in every decision (a test keeps it equal to package.json). */
export const VERSION = "0.1.0";
