"""What serving the site needs besides its files: nginx, redirects, the security policy."""
