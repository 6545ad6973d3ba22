"""Pure helpers with no Django imports: Thai dates and digits, money, rich text."""
