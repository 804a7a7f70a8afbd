declare namespace App {
  interface Locals {
    /**
     * Who a report counts against in the rate limit (src/lib/report/client-address.ts), set by
     * the server; only ever fed to a keyed hash.
     */
    reportClient?: string;
  }
}
