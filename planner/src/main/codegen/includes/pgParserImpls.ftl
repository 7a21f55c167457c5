<#--
  MiniDB's additions to Calcite's grammar, for PostgreSQL's dialect. Included inside Parser.jj (see
  implementationFiles in config.fmpp); the productions are named in config.fmpp's hook lists.
-->
<#--
  Pitfall P3: Calcite 1.42's template ignores nonReservedKeywordsToRemove, and RETURNING is non-reserved by
  default, so "DELETE FROM t RETURNING a" would take RETURNING as the table alias. Calcite's own list, less
  RETURNING, replaces it here: this include is expanded before the keyword lists at the end of the template,
  and a template-level assignment shadows the data model's "parser" hash. Taking the list from
  default_config.fmpp keeps it in step with the Calcite version.
-->
<#assign parser = parser + {
  "nonReservedKeywords": default.parser.nonReservedKeywords?filter(k -> k != "RETURNING")
}>

/**
 * PostgreSQL's postfix cast {@code expr::type}. It binds tighter than every other operator but [] and .,
 * so it casts the last operand parsed so far, not the whole list (Babel's InfixCast does the latter, which
 * turns {@code a = 1::int} into {@code (a = 1)::int}: pitfall P1).
 */
void PgInfixCastExpression(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlDataTypeSpec type;
}
{
    <INFIX_CAST> {
        checkNonQueryExpression(exprContext);
    }
    type = DataType() {
        PgInfixCast.applyToLastOperand(list, type);
    }
}

/** INSERT, UPDATE or DELETE, with PostgreSQL's optional RETURNING list. */
SqlNode PgDml() :
{
    final SqlNode dml;
    final List<SqlNode> returning = new ArrayList<SqlNode>();
    final Span s;
}
{
    (
        dml = SqlInsert()
    |
        dml = SqlUpdate()
    |
        dml = SqlDelete()
    )
    (
        <RETURNING> { s = span(); }
        AddSelectItem(returning)
        ( <COMMA> AddSelectItem(returning) )*
        {
            return new PgReturning(dml.getParserPosition().plus(s.end(this)), dml,
                new SqlNodeList(returning, s.end(this)));
        }
    |
        { return dml; }
    )
}

/**
 * CREATE TABLE [IF NOT EXISTS] name ( [element [, ...]] ) [WITH (storage_parameter [= value] [, ...])].
 * An element is a column with its constraints or a table constraint; an empty list is allowed, as in
 * PostgreSQL.
 */
SqlCreate PgCreateTable(Span s, boolean replace) :
{
    boolean ifNotExists = false;
    final SqlIdentifier name;
    final List<SqlNode> elements = new ArrayList<SqlNode>();
    final List<SqlNode> parameters = new ArrayList<SqlNode>();
    final SqlParserPos tablePos;
}
{
    <TABLE> { tablePos = getPos(); }
    [
        LOOKAHEAD(3)
        <IF> <NOT> <EXISTS> { ifNotExists = true; }
    ]
    name = CompoundIdentifier()
    <LPAREN>
    [
        PgTableElement(elements)
        ( <COMMA> PgTableElement(elements) )*
    ]
    <RPAREN>
    [
        <WITH> <LPAREN>
        PgStorageParameterItem(parameters)
        ( <COMMA> PgStorageParameterItem(parameters) )*
        <RPAREN>
    ]
    {
        return new PgCreateTable(s.end(this), replace, tablePos, ifNotExists, name,
            new SqlNodeList(elements, s.pos()), new SqlNodeList(parameters, s.pos()));
    }
}

/** A column definition or a table constraint. */
void PgTableElement(List<SqlNode> elements) :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    final List<SqlNode> constraints = new ArrayList<SqlNode>();
    SqlNode constraint;
    final Span s;
}
{
    constraint = PgTableConstraint() { elements.add(constraint); }
|
    name = SimpleIdentifier() { s = span(); }
    type = DataType()
    ( constraint = PgColumnConstraint() { constraints.add(constraint); } )*
    {
        elements.add(new PgColumnDeclaration(s.end(this), name, type,
            new SqlNodeList(constraints, s.pos())));
    }
}

/** One column constraint, PostgreSQL's ColConstraint (COLLATE and constraint attributes excepted). */
SqlNode PgColumnConstraint() :
{
    SqlIdentifier name = null;
    final SqlIdentifier refTable;
    SqlNodeList refColumns = null;
    final SqlNode e;
    final Token first;
    final Token last;
    // Starts at the constraint's first token (span() would start at the token before it).
    final Span s = Span.of(new SqlParserPos(getToken(1).beginLine, getToken(1).beginColumn,
        getToken(1).endLine, getToken(1).endColumn));
}
{
    [ <CONSTRAINT> name = SimpleIdentifier() ]
    (
        <NOT> <NULL> {
            return PgConstraint.notNull(s.end(this), name);
        }
    |
        <NULL> {
            return PgConstraint.nullable(s.end(this), name);
        }
    |
        <DEFAULT_> { first = getToken(1); }
        e = Expression(ExprContext.ACCEPT_NON_QUERY) {
            return PgConstraint.defaultValue(s.end(this), name, e,
                PgSourceText.between(getOriginalSql(), first.beginLine, first.beginColumn,
                    getToken(0).endLine, getToken(0).endColumn));
        }
    |
        <CHECK> <LPAREN> { first = getToken(1); }
        e = Expression(ExprContext.ACCEPT_SUB_QUERY) { last = getToken(0); }
        <RPAREN> {
            return PgConstraint.check(s.end(this), name, e,
                PgSourceText.between(getOriginalSql(), first.beginLine, first.beginColumn,
                    last.endLine, last.endColumn), true);
        }
    |
        <PRIMARY> <KEY> {
            return PgConstraint.primaryKey(s.end(this), name, null);
        }
    |
        <UNIQUE> {
            return PgConstraint.unique(s.end(this), name, null);
        }
    |
        <REFERENCES> refTable = CompoundIdentifier()
        [ refColumns = ParenthesizedSimpleIdentifierList() ] {
            return PgConstraint.foreignKey(s.end(this), name, null, refTable, refColumns);
        }
    )
}

/** One table constraint: [CONSTRAINT name] CHECK (expr) | PRIMARY KEY (...) | UNIQUE (...) | FOREIGN KEY. */
SqlNode PgTableConstraint() :
{
    SqlIdentifier name = null;
    final SqlNodeList columns;
    final SqlIdentifier refTable;
    SqlNodeList refColumns = null;
    final SqlNode e;
    final Token first;
    final Token last;
    // Starts at the constraint's first token (span() would start at the token before it).
    final Span s = Span.of(new SqlParserPos(getToken(1).beginLine, getToken(1).beginColumn,
        getToken(1).endLine, getToken(1).endColumn));
}
{
    [ <CONSTRAINT> name = SimpleIdentifier() ]
    (
        <CHECK> <LPAREN> { first = getToken(1); }
        e = Expression(ExprContext.ACCEPT_SUB_QUERY) { last = getToken(0); }
        <RPAREN> {
            return PgConstraint.check(s.end(this), name, e,
                PgSourceText.between(getOriginalSql(), first.beginLine, first.beginColumn,
                    last.endLine, last.endColumn), false);
        }
    |
        <PRIMARY> <KEY> columns = ParenthesizedSimpleIdentifierList() {
            return PgConstraint.primaryKey(s.end(this), name, columns);
        }
    |
        <UNIQUE> columns = ParenthesizedSimpleIdentifierList() {
            return PgConstraint.unique(s.end(this), name, columns);
        }
    |
        <FOREIGN> <KEY> columns = ParenthesizedSimpleIdentifierList()
        <REFERENCES> refTable = CompoundIdentifier()
        [ refColumns = ParenthesizedSimpleIdentifierList() ] {
            return PgConstraint.foreignKey(s.end(this), name, columns, refTable, refColumns);
        }
    )
}

/** A storage parameter of WITH ( ... ): name [= value]; the value is a literal or a word. */
void PgStorageParameterItem(List<SqlNode> parameters) :
{
    final SqlIdentifier name;
    SqlNode value = null;
    final Span s;
}
{
    name = SimpleIdentifier() { s = span(); }
    [
        <EQ>
        (
            value = Literal()
        |
            value = SimpleIdentifier()
        )
    ]
    {
        parameters.add(new PgStorageParameter(s.end(this), name, value));
    }
}

/**
 * CREATE [OR REPLACE] VIEW name [(column [, ...])] AS query. The query's first token is remembered: the view
 * keeps the client's text from there to the end of the statement.
 */
SqlCreate PgCreateView(Span s, boolean replace) :
{
    final SqlIdentifier name;
    SqlNodeList columns = null;
    final SqlNode query;
    final Token first;
}
{
    <VIEW> name = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS> { first = getToken(1); }
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new PgCreateView(s.end(this), replace, name, columns, query, first.beginLine, first.beginColumn);
    }
}

/**
 * CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING method] (element [ASC | DESC] [NULLS FIRST | LAST],
 * ...) [INCLUDE (element, ...)] [WHERE predicate]. An element is a column or an expression (a function call, or any
 * expression in parentheses); the text of each, and of the predicate, is kept as written for the catalog.
 */
SqlCreate PgCreateIndex(Span s, boolean replace) :
{
    boolean unique = false;
    boolean ifNotExists = false;
    SqlIdentifier name = null;
    final SqlIdentifier table;
    SqlIdentifier method = null;
    final List<SqlNode> elements = new ArrayList<SqlNode>();
    final List<String> texts = new ArrayList<String>();
    final List<SqlNode> include = new ArrayList<SqlNode>();
    final List<String> includeTexts = new ArrayList<String>();
    SqlNode predicate = null;
    String predicateText = null;
    Token first;
}
{
    [ <UNIQUE> { unique = true; } ]
    <INDEX>
    [
        LOOKAHEAD(3)
        <IF> <NOT> <EXISTS> { ifNotExists = true; }
    ]
    [ name = SimpleIdentifier() ]
    <ON> table = CompoundIdentifier()
    [ <USING> method = SimpleIdentifier() ]
    <LPAREN>
    PgIndexElement(elements, texts)
    ( <COMMA> PgIndexElement(elements, texts) )*
    <RPAREN>
    [
        <INCLUDE> <LPAREN>
        PgIndexElement(include, includeTexts)
        ( <COMMA> PgIndexElement(include, includeTexts) )*
        <RPAREN>
    ]
    [
        <WHERE> { first = getToken(1); }
        predicate = Expression(ExprContext.ACCEPT_SUB_QUERY) {
            predicateText = PgSourceText.between(getOriginalSql(), first.beginLine, first.beginColumn,
                getToken(0).endLine, getToken(0).endColumn);
        }
    ]
    {
        return new PgCreateIndex(s.end(this), replace, unique, ifNotExists, name, table, method,
            new SqlNodeList(elements, s.pos()), texts, new SqlNodeList(include, s.pos()), predicate, predicateText);
    }
}

/**
 * element [ASC | DESC] [NULLS FIRST | LAST], as an ORDER BY item is built; the element is a column (an
 * identifier) or an expression, whose text as written goes to {@code texts}.
 */
void PgIndexElement(List<SqlNode> elements, List<String> texts) :
{
    SqlNode e;
    final Token first;
}
{
    { first = getToken(1); }
    e = Expression(ExprContext.ACCEPT_NON_QUERY) {
        texts.add(PgSourceText.between(getOriginalSql(), first.beginLine, first.beginColumn,
            getToken(0).endLine, getToken(0).endColumn));
    }
    [
        <ASC>
    |
        <DESC> { e = SqlStdOperatorTable.DESC.createCall(getPos(), e); }
    ]
    [
        LOOKAHEAD(2)
        <NULLS> <FIRST> { e = SqlStdOperatorTable.NULLS_FIRST.createCall(getPos(), e); }
    |
        <NULLS> <LAST> { e = SqlStdOperatorTable.NULLS_LAST.createCall(getPos(), e); }
    ]
    { elements.add(e); }
}

/** DROP TABLE | VIEW | INDEX [IF EXISTS] name [, ...] [CASCADE | RESTRICT]. */
SqlDrop PgDropRelation(Span s, boolean replace) :
{
    boolean view = false;
    boolean index = false;
    boolean ifExists = false;
    boolean cascade = false;
    final List<SqlNode> names = new ArrayList<SqlNode>();
    SqlIdentifier name;
}
{
    ( <TABLE> | <VIEW> { view = true; } | <INDEX> { index = true; } )
    [
        LOOKAHEAD(2)
        <IF> <EXISTS> { ifExists = true; }
    ]
    name = CompoundIdentifier() { names.add(name); }
    ( <COMMA> name = CompoundIdentifier() { names.add(name); } )*
    [
        <CASCADE> { cascade = true; }
    |
        <RESTRICT>
    ]
    {
        return new PgDropRelation(s.end(this), view, index, ifExists, new SqlNodeList(names, s.pos()), cascade);
    }
}

/**
 * ALTER TABLE [IF EXISTS] [ONLY] name action [, ...], where action is ADD table_constraint or
 * DROP CONSTRAINT [IF EXISTS] name [RESTRICT | CASCADE].
 */
SqlNode PgAlterTable() :
{
    final Span s;
    boolean ifExists = false;
    final SqlIdentifier name;
    final List<Object> actions = new ArrayList<Object>();
}
{
    <ALTER> { s = span(); } <TABLE>
    [
        LOOKAHEAD(2)
        <IF> <EXISTS> { ifExists = true; }
    ]
    [ <ONLY> ]
    name = CompoundIdentifier()
    PgAlterTableAction(actions)
    ( <COMMA> PgAlterTableAction(actions) )*
    {
        return new PgAlterTable(s.end(this), ifExists, name, actions);
    }
}

/** One action of ALTER TABLE. */
void PgAlterTableAction(List<Object> actions) :
{
    final SqlNode constraint;
    boolean ifExists = false;
    final SqlIdentifier name;
    boolean cascade = false;
}
{
    <ADD> constraint = PgTableConstraint() { actions.add(constraint); }
|
    <DROP> <CONSTRAINT>
    [
        LOOKAHEAD(2)
        <IF> <EXISTS> { ifExists = true; }
    ]
    name = SimpleIdentifier()
    [ <CASCADE> { cascade = true; } | <RESTRICT> ]
    {
        actions.add(new PgAlterTable.DropConstraint(name, ifExists, cascade));
    }
}
