"""The district map page: schools coloured by response time, posts, patrol loops."""
