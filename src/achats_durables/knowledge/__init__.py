"""What the tool knows: factor sets, price index, mapping rules and their scope, BEGES posts, header vocabulary, the configuration file."""
