// Placeholder: the crm demo script.
