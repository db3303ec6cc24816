/** Configuration shared by several packages: the site's identity and the clock. */
package dev.syndic.config;
