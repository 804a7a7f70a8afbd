/** Settings an operator may change at build time through environment variables. */

/**
 * Where "Snel weg" sends the reader: a neutral, everyday site. location.replace is used,
 * so the Back button does not return here.
 */
export const QUICK_EXIT_URL = process.env.QUICK_EXIT_URL ?? 'https://www.buienradar.nl/';
