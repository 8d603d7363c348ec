/*
 * test_url.c - database URLs: every SQLite and PostgreSQL form, percent-
 * decoding, IPv6 and socket hosts, query parameters, each malformed case
 * with its message, and the rule that no message or rendering ever shows
 * the password.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtool.h"
#include "mysql.h"

/* Parses `text`, which must succeed. */
static void parse_ok(dbt_url *u, const char *text)
{
	int rc = dbt_url_parse(u, text);

	if (rc)
		fail_msg("'%s' did not parse: %s", text, dbt_error_last());
}

/* Parses `text`, which must fail with DBT_EPARSE and exactly `msg`, and
 * leave nothing behind in the out-parameter. */
static void parse_fails(const char *text, const char *msg)
{
	dbt_url u;

	memset(&u, 0x5a, sizeof(u));
	assert_int_equal(dbt_url_parse(&u, text), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), msg);
	assert_null(u.scheme);
	assert_null(u.user);
	assert_null(u.password);
	assert_null(u.host);
	assert_null(u.database);
	assert_int_equal(u.nparams, 0);
	assert_null(u.keys);
}

/* Redacts `u` and compares with `want`. */
static void redacts_to(const dbt_url *u, const char *want)
{
	char *s = dbt_url_redact(u);

	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
}

/* ------------------------------------------------------------- SQLite */

static void sqlite_relative_path(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "sqlite:///rel.db");
	assert_int_equal(u.kind, DBT_DIALECT_SQLITE);
	assert_string_equal(u.scheme, "sqlite");
	assert_string_equal(u.database, "rel.db");
	assert_null(u.host);
	assert_null(u.user);
	assert_null(u.password);
	assert_null(u.port);
	assert_int_equal(u.nparams, 0);
	dbt_url_release(&u);
}

static void sqlite_relative_path_in_subfolder(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "sqlite:///data/app.db");
	assert_string_equal(u.database, "data/app.db");
	dbt_url_release(&u);
}

static void sqlite_absolute_path(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "sqlite:////abs/path.db");
	assert_string_equal(u.database, "/abs/path.db");
	dbt_url_release(&u);
}

static void sqlite_without_path_is_memory(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "sqlite://");
	assert_int_equal(u.kind, DBT_DIALECT_SQLITE);
	assert_null(u.database);
	dbt_url_release(&u);
	parse_ok(&u, "sqlite:///");
	assert_null(u.database);
	dbt_url_release(&u);
}

static void sqlite_memory_keyword_is_memory(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "sqlite:///:memory:");
	assert_null(u.database);
	dbt_url_release(&u);
}

static void sqlite_driver_suffix_is_ignored(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "sqlite+pysqlite:///app.db");
	assert_int_equal(u.kind, DBT_DIALECT_SQLITE);
	assert_string_equal(u.scheme, "sqlite+pysqlite");
	assert_string_equal(u.database, "app.db");
	dbt_url_release(&u);
}

static void sqlite_path_is_percent_decoded(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "sqlite:///my%20data%3F.db");
	assert_string_equal(u.database, "my data?.db");
	dbt_url_release(&u);
}

static void sqlite_path_may_hold_at_sign_and_colon(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "sqlite:////home/me@work/a:b.db");
	assert_string_equal(u.database, "/home/me@work/a:b.db");
	assert_null(u.user);
	dbt_url_release(&u);
}

static void sqlite_query_parameters_are_kept(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "sqlite:///app.db?mode=ro&cache=shared");
	assert_string_equal(u.database, "app.db");
	assert_int_equal(u.nparams, 2);
	assert_string_equal(u.keys[0], "mode");
	assert_string_equal(u.values[0], "ro");
	assert_string_equal(u.keys[1], "cache");
	assert_string_equal(u.values[1], "shared");
	dbt_url_release(&u);
}

static void sqlite_host_is_an_error(void **state)
{
	(void)state;
	parse_fails("sqlite://host/app.db",
		    "malformed url 'sqlite://host/app.db': an sqlite url has no user, host or port "
		    "(write sqlite:///relative.db, sqlite:////absolute/path.db or sqlite:// for "
		    "memory)");
}

static void sqlite_memory_written_as_host_is_an_error(void **state)
{
	(void)state;
	parse_fails("sqlite://:memory:",
		    "malformed url 'sqlite://:***': an sqlite url has no user, host or port "
		    "(write sqlite:///relative.db, sqlite:////absolute/path.db or sqlite:// for "
		    "memory)");
}

static void sqlite_user_is_an_error_without_showing_password(void **state)
{
	(void)state;
	parse_fails("sqlite://me:hunter2@/app.db",
		    "malformed url 'sqlite://me:***@/app.db': an sqlite url has no user, host or "
		    "port "
		    "(write sqlite:///relative.db, sqlite:////absolute/path.db or sqlite:// for "
		    "memory)");
}

/* --------------------------------------------------------- PostgreSQL */

static void postgres_full_url(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://alice:pw@db.example.com:5433/shop");
	assert_int_equal(u.kind, DBT_DIALECT_POSTGRES);
	assert_string_equal(u.scheme, "postgresql");
	assert_string_equal(u.user, "alice");
	assert_string_equal(u.password, "pw");
	assert_string_equal(u.host, "db.example.com");
	assert_string_equal(u.port, "5433");
	assert_string_equal(u.database, "shop");
	assert_int_equal(u.nparams, 0);
	assert_null(u.keys);
	dbt_url_release(&u);
}

static void postgres_short_scheme(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgres://bob@localhost/app");
	assert_int_equal(u.kind, DBT_DIALECT_POSTGRES);
	assert_string_equal(u.scheme, "postgres");
	assert_string_equal(u.user, "bob");
	assert_null(u.password);
	assert_string_equal(u.host, "localhost");
	assert_null(u.port);
	assert_string_equal(u.database, "app");
	dbt_url_release(&u);
}

static void postgres_driver_suffix_is_ignored(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql+psycopg2://u:p@h/d");
	assert_int_equal(u.kind, DBT_DIALECT_POSTGRES);
	assert_string_equal(u.scheme, "postgresql+psycopg2");
	assert_string_equal(u.host, "h");
	dbt_url_release(&u);
}

static void postgres_dialect_name_ignores_case(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "PostgreSQL://h/d");
	assert_int_equal(u.kind, DBT_DIALECT_POSTGRES);
	assert_string_equal(u.scheme, "PostgreSQL");
	dbt_url_release(&u);
}

static void postgres_every_part_optional(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://");
	assert_int_equal(u.kind, DBT_DIALECT_POSTGRES);
	assert_null(u.user);
	assert_null(u.password);
	assert_null(u.host);
	assert_null(u.port);
	assert_null(u.database);
	assert_int_equal(u.nparams, 0);
	dbt_url_release(&u);
	parse_ok(&u, "postgresql:///only_db");
	assert_null(u.host);
	assert_string_equal(u.database, "only_db");
	dbt_url_release(&u);
	parse_ok(&u, "postgresql://host/");
	assert_string_equal(u.host, "host");
	assert_null(u.database);
	dbt_url_release(&u);
}

static void postgres_port_without_host(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://:5433/d");
	assert_null(u.host);
	assert_string_equal(u.port, "5433");
	dbt_url_release(&u);
}

static void postgres_user_without_host(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://me@/d");
	assert_string_equal(u.user, "me");
	assert_null(u.host);
	assert_string_equal(u.database, "d");
	dbt_url_release(&u);
}

static void postgres_empty_password_is_absent(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://me:@h/d");
	assert_string_equal(u.user, "me");
	assert_null(u.password);
	dbt_url_release(&u);
}

static void postgres_password_without_user(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://:pw@h/d");
	assert_null(u.user);
	assert_string_equal(u.password, "pw");
	dbt_url_release(&u);
}

static void postgres_parts_are_percent_decoded(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://al%40ice:s3cr%40t@h%2Dx/my%20db");
	assert_string_equal(u.user, "al@ice");
	assert_string_equal(u.password, "s3cr@t");
	assert_string_equal(u.host, "h-x");
	assert_string_equal(u.database, "my db");
	dbt_url_release(&u);
}

static void postgres_percent_decoding_accepts_either_case(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://h/%c3%A9t%C3%a9");
	assert_string_equal(u.database, "\xc3\xa9t\xc3\xa9");
	dbt_url_release(&u);
}

static void postgres_unencoded_password_characters(void **state)
{
	dbt_url u;

	(void)state;
	/* Pasted as is: '@', '/', '?' and ':' inside the password. */
	parse_ok(&u, "postgresql://u:p@ss@h/d");
	assert_string_equal(u.password, "p@ss");
	assert_string_equal(u.host, "h");
	dbt_url_release(&u);
	parse_ok(&u, "postgresql://u:pa/s?s:x@h:5432/d");
	assert_string_equal(u.user, "u");
	assert_string_equal(u.password, "pa/s?s:x");
	assert_string_equal(u.host, "h");
	assert_string_equal(u.port, "5432");
	assert_string_equal(u.database, "d");
	dbt_url_release(&u);
}

static void postgres_at_sign_in_query_is_not_userinfo(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://h:5432/d?application_name=me@work");
	assert_null(u.user);
	assert_null(u.password);
	assert_string_equal(u.host, "h");
	assert_string_equal(u.port, "5432");
	assert_string_equal(u.database, "d");
	assert_string_equal(u.values[0], "me@work");
	dbt_url_release(&u);
	parse_ok(&u, "postgresql://u@h:5432/d@x");
	assert_string_equal(u.user, "u");
	assert_string_equal(u.host, "h");
	assert_string_equal(u.database, "d@x");
	dbt_url_release(&u);
}

static void postgres_socket_folder_in_host(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://u@%2Ftmp%2Fpg/d");
	assert_string_equal(u.host, "/tmp/pg");
	assert_string_equal(u.database, "d");
	dbt_url_release(&u);
}

static void postgres_socket_folder_in_query(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql:///d?host=/tmp/sock&port=5433");
	assert_null(u.host);
	assert_string_equal(u.database, "d");
	assert_int_equal(u.nparams, 2);
	assert_string_equal(u.keys[0], "host");
	assert_string_equal(u.values[0], "/tmp/sock");
	assert_string_equal(u.keys[1], "port");
	assert_string_equal(u.values[1], "5433");
	dbt_url_release(&u);
}

static void postgres_ipv6_host(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://u:p@[::1]:5433/d");
	assert_string_equal(u.host, "::1");
	assert_string_equal(u.port, "5433");
	assert_string_equal(u.database, "d");
	dbt_url_release(&u);
	parse_ok(&u, "postgresql://[2001:db8::7]/d");
	assert_string_equal(u.host, "2001:db8::7");
	assert_null(u.port);
	assert_null(u.user);
	dbt_url_release(&u);
}

static void postgres_ipv6_zone_is_decoded(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://[fe80::1%25eth0]:5432/d");
	assert_string_equal(u.host, "fe80::1%eth0");
	dbt_url_release(&u);
}

static void postgres_ipv6_with_at_sign_in_query(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://[::1]/d?application_name=a:b@c");
	assert_null(u.user);
	assert_string_equal(u.host, "::1");
	assert_string_equal(u.values[0], "a:b@c");
	dbt_url_release(&u);
}

static void postgres_query_parameters_in_order(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://h/d?sslmode=require&connect_timeout=5&application_name=a+b%20c"
		     "&sslmode=verify-full");
	assert_int_equal(u.nparams, 4);
	assert_string_equal(u.keys[0], "sslmode");
	assert_string_equal(u.values[0], "require");
	assert_string_equal(u.keys[1], "connect_timeout");
	assert_string_equal(u.values[1], "5");
	assert_string_equal(u.keys[2], "application_name");
	assert_string_equal(u.values[2], "a+b c");
	assert_string_equal(u.keys[3], "sslmode");
	assert_string_equal(u.values[3], "verify-full");
	dbt_url_release(&u);
}

static void postgres_query_skips_empty_pairs(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://h/d?&a=1&&b=&");
	assert_int_equal(u.nparams, 2);
	assert_string_equal(u.keys[0], "a");
	assert_string_equal(u.values[0], "1");
	assert_string_equal(u.keys[1], "b");
	assert_string_equal(u.values[1], "");
	dbt_url_release(&u);
	parse_ok(&u, "postgresql://h/d?");
	assert_int_equal(u.nparams, 0);
	dbt_url_release(&u);
}

static void postgres_query_key_is_decoded(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://h?ssl%6dode=a%3Db%26c");
	assert_null(u.database);
	assert_string_equal(u.keys[0], "sslmode");
	assert_string_equal(u.values[0], "a=b&c");
	dbt_url_release(&u);
}

/* ------------------------------------------------------------- errors */

static void empty_url_is_an_error(void **state)
{
	dbt_url u;

	(void)state;
	assert_int_equal(dbt_url_parse(&u, ""), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "empty database url");
	assert_int_equal(dbt_url_parse(&u, NULL), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "empty database url");
}

static void text_without_scheme_is_not_quoted(void **state)
{
	static const char msg[] = "malformed url: expected dialect://..., such as "
				  "'postgresql://user@host/dbname' or 'sqlite:///app.db'";

	(void)state;
	parse_fails("app.db", msg);
	parse_fails("user:hunter2@host/db", msg);
	parse_fails("postgresql:/host/db", msg);
	parse_fails("://host/db", msg);
	parse_fails("user:hun://ter2@host/db", msg);
	parse_fails("1pg://h/d", msg);
}

static void unsupported_dialect(void **state)
{
	(void)state;
	parse_fails("mysqlx://root:hunter2@localhost/db",
		    "unsupported database 'mysqlx' in url (expected sqlite, postgresql, mysql "
		    "or mariadb)");
	parse_fails("sqlite3:///a.db",
		    "unsupported database 'sqlite3' in url (expected sqlite, postgresql, mysql "
		    "or mariadb)");
}

static void empty_driver_is_an_error(void **state)
{
	(void)state;
	parse_fails("postgresql+://u:hunter2@h/d",
		    "malformed url 'postgresql+://u:***@h/d': expected one driver name after '+'");
	parse_fails("postgresql+a+b://h/d",
		    "malformed url 'postgresql+a+b://h/d': expected one driver name after '+'");
}

static void port_must_be_a_number(void **state)
{
	(void)state;
	parse_fails("postgresql://user:hunter2@host:xx/db",
		    "malformed url 'postgresql://user:***@host:xx/db': port must be a number");
	parse_fails("postgresql://host:/db",
		    "malformed url 'postgresql://host:/db': port must be a number");
	/* Without an '@', "host:-1" may as well be "user:password". */
	parse_fails("postgresql://host:-1/db",
		    "malformed url 'postgresql://host:***': port must be a number (with no '@' "
		    "after it, the text after "
		    "':' is a port: a password goes in user:password@host)");
}

static void port_must_be_in_range(void **state)
{
	dbt_url u;

	(void)state;
	parse_fails("postgresql://host:0/db",
		    "malformed url 'postgresql://host:0/db': port must be between 1 and 65535");
	parse_fails("postgresql://host:65536/db",
		    "malformed url 'postgresql://host:65536/db': port must be between 1 and 65535");
	parse_fails("postgresql://host:99999999999999999999/db",
		    "malformed url 'postgresql://host:99999999999999999999/db': "
		    "port must be between 1 and 65535");
	parse_ok(&u, "postgresql://host:65535/db");
	assert_string_equal(u.port, "65535");
	dbt_url_release(&u);
	parse_ok(&u, "postgresql://host:1/db");
	assert_string_equal(u.port, "1");
	dbt_url_release(&u);
}

static void invalid_percent_encoding_names_the_part(void **state)
{
	(void)state;
	parse_fails("postgresql://us%zzer@h/d", "malformed url 'postgresql://us%zzer@h/d': invalid "
						"percent-encoding in the user name");
	parse_fails("postgresql://u:s3cr%zzt@h/d", "malformed url 'postgresql://u:***@h/d': "
						   "invalid percent-encoding in the password");
	parse_fails("postgresql://u:s3cr%4@h/d", "malformed url 'postgresql://u:***@h/d': invalid "
						 "percent-encoding in the password");
	parse_fails("postgresql://h%2/d",
		    "malformed url 'postgresql://h%2/d': invalid percent-encoding in the host");
	parse_fails("postgresql://h/d%", "malformed url 'postgresql://h/d%': invalid "
					 "percent-encoding in the database name");
	parse_fails("postgresql://h:54%3x/d",
		    "malformed url 'postgresql://h:***': invalid percent-encoding in the port");
	parse_fails("postgresql://h/d?a%g=1",
		    "malformed url 'postgresql://h/d?a%g=1': invalid percent-encoding in a query "
		    "parameter name");
	parse_fails("postgresql://h/d?sslmode=%x",
		    "malformed url 'postgresql://h/d?sslmode=%x': invalid percent-encoding in the "
		    "value of query parameter 'sslmode'");
	parse_fails("sqlite:///a%b.db", "malformed url 'sqlite:///a%b.db': invalid "
					"percent-encoding in the database path");
}

static void encoded_nul_byte_is_an_error(void **state)
{
	(void)state;
	parse_fails("postgresql://h/d%00x", "malformed url 'postgresql://h/d%00x': the database "
					    "name contains a NUL byte (%00)");
	parse_fails("postgresql://u:a%00b@h/d", "malformed url 'postgresql://u:***@h/d': the "
						"password contains a NUL byte (%00)");
}

static void ipv6_errors(void **state)
{
	(void)state;
	parse_fails("postgresql://[::1/d",
		    "malformed url 'postgresql://[::1/d': missing ']' after the IPv6 address");
	parse_fails("postgresql://[]/d",
		    "malformed url 'postgresql://[]/d': empty IPv6 address in brackets");
	parse_fails("postgresql://[::1]x/d",
		    "malformed url 'postgresql://[::1]x/d': unexpected text after the IPv6 address "
		    "(expected ':port')");
	parse_fails("postgresql://[::1]:abc/d",
		    "malformed url 'postgresql://[::1]:abc/d': port must be a number");
}

static void query_parameter_without_value_is_an_error(void **state)
{
	(void)state;
	parse_fails("postgresql://h/d?sslmode", "malformed url 'postgresql://h/d?sslmode': query "
						"parameter 'sslmode' has no value "
						"(expected key=value)");
	parse_fails("postgresql://h/d?=x",
		    "malformed url 'postgresql://h/d?=x': query parameter without a name");
}

/* ------------------------------------------------------ MariaDB/MySQL */

/* Parses `text` as a MariaDB/MySQL URL, which must succeed. */
static void mysql_ok(dbt_url *u, const char *text)
{
	if (dbt_url_parse_mysql(u, text))
		fail_msg("'%s' did not parse: %s", text, dbt_error_last());
	assert_int_equal(u->kind, DBT_DIALECT_MYSQL);
}

/* Parses `text` as a MariaDB/MySQL URL, which must fail with DBT_EPARSE
 * and exactly `msg`, leaving nothing behind. */
static void mysql_fails(const char *text, const char *msg)
{
	dbt_url u;

	memset(&u, 0x5a, sizeof(u));
	assert_int_equal(dbt_url_parse_mysql(&u, text), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), msg);
	assert_null(u.scheme);
	assert_null(u.password);
	assert_int_equal(u.nparams, 0);
}

static void mysql_full_url(void **state)
{
	dbt_url u;

	(void)state;
	mysql_ok(&u, "mysql://app:s3cr%40t@db.example:3307/shop");
	assert_string_equal(u.scheme, "mysql");
	assert_string_equal(u.user, "app");
	assert_string_equal(u.password, "s3cr@t");
	assert_string_equal(u.host, "db.example");
	assert_string_equal(u.port, "3307");
	assert_string_equal(u.database, "shop");
	assert_int_equal(u.nparams, 0);
	redacts_to(&u, "mysql://app:***@db.example:3307/shop");
	dbt_url_release(&u);
}

static void mysql_mariadb_and_sqlalchemy_drivers(void **state)
{
	static const char *const schemes[] = {
		"mariadb", "mysql+pymysql",	   "mysql+mysqldb", "mariadb+mariadbconnector",
		"MySQL",   "mysql+mysqlconnector",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		char text[120];
		dbt_url u;

		snprintf(text, sizeof(text), "%s://u:pw@h/d", schemes[i]);
		mysql_ok(&u, text);
		assert_string_equal(u.scheme, schemes[i]);
		assert_string_equal(u.host, "h");
		assert_string_equal(u.database, "d");
		dbt_url_release(&u);
	}
}

static void mysql_unix_socket_as_sqlalchemy_writes_it(void **state)
{
	dbt_url u;

	(void)state;
	/* PyMySQL's and mysqlclient's form: no host, the socket in the query. */
	mysql_ok(&u, "mysql+pymysql://app:pw@/shop?unix_socket=/run/mysqld/mysqld.sock");
	assert_null(u.host);
	assert_string_equal(u.database, "shop");
	assert_int_equal(u.nparams, 1);
	assert_string_equal(u.keys[0], "unix_socket");
	assert_string_equal(u.values[0], "/run/mysqld/mysqld.sock");
	redacts_to(&u, "mysql+pymysql://app:***@/shop?unix_socket=/run/mysqld/mysqld.sock");
	dbt_url_release(&u);
	mysql_ok(&u, "mysql://app@localhost/shop?unix_socket=%2Ftmp%2Fa%20b.sock&charset=utf8mb4");
	assert_string_equal(u.host, "localhost");
	assert_string_equal(u.values[0], "/tmp/a b.sock");
	assert_string_equal(u.keys[1], "charset");
	dbt_url_release(&u);
}

static void mysql_known_parameters(void **state)
{
	dbt_url u;

	(void)state;
	mysql_ok(&u, "mysql://h/d?connect_timeout=5&read_timeout=30&write_timeout=30"
		     "&ssl_ca=/ca.pem&ssl_capath=/certs&ssl_cert=/c.pem&ssl_key=/k.pem"
		     "&ssl_cipher=AES256-SHA");
	assert_int_equal(u.nparams, 8);
	dbt_url_release(&u);
}

static void mysql_unknown_parameter_is_an_error(void **state)
{
	(void)state;
	mysql_fails("mysql://u:s3cr%40t@h/d?sslmode=require",
		    "malformed url 'mysql://u:***@h/d?sslmode=require': unknown query parameter "
		    "'sslmode' for mariadb/mysql (expected unix_socket, charset, connect_timeout, "
		    "read_timeout, write_timeout, ssl_ca, ssl_capath, ssl_cert, ssl_key or "
		    "ssl_cipher)");
	mysql_fails("mysql://u:s3cr%40t@h/d?password=s3cr%40t",
		    "malformed url 'mysql://u:***@h/d?password=***': unknown query parameter "
		    "'password' for mariadb/mysql (expected unix_socket, charset, connect_timeout, "
		    "read_timeout, write_timeout, ssl_ca, ssl_capath, ssl_cert, ssl_key or "
		    "ssl_cipher)");
	mysql_fails("mysql://h/d?unix_socket=/a&unix_socket=/b",
		    "malformed url 'mysql://h/d?unix_socket=/a&unix_socket=/b': query parameter "
		    "'unix_socket' is given twice");
	mysql_fails("mysql://h/d?unix_socket=",
		    "malformed url 'mysql://h/d?unix_socket=': query parameter 'unix_socket' is "
		    "empty");
}

static void mysql_malformed_parts_are_errors(void **state)
{
	(void)state;
	mysql_fails("mysql://u:s3cr%40t@h:99999/d",
		    "malformed url 'mysql://u:***@h:99999/d': port must be between 1 and 65535");
	mysql_fails("mariadb+://u:s3cr%40t@h/d",
		    "malformed url 'mariadb+://u:***@h/d': expected one driver name after '+'");
	mysql_fails("mysql://h/d%zz", "malformed url 'mysql://h/d%zz': invalid percent-encoding in "
				      "the database name");
}

/* The public parser takes MariaDB/MySQL URLs as the dialect's own does,
 * and refuses a malformed one the same way. */
static void mysql_urls_are_taken_by_the_public_parser(void **state)
{
	dbt_url u;
	dbt_dialect_kind k;

	(void)state;
	assert_int_equal(dbt_url_parse(&u, "mysql://root:hunter2@localhost/db"), 0);
	assert_int_equal(u.kind, DBT_DIALECT_MYSQL);
	assert_string_equal(u.database, "db");
	redacts_to(&u, "mysql://root:***@localhost/db");
	dbt_url_release(&u);
	assert_int_equal(dbt_url_parse(&u, "mariadb+mariadbconnector://u@/d?unix_socket=/s"), 0);
	assert_int_equal(u.kind, DBT_DIALECT_MYSQL);
	dbt_url_release(&u);
	parse_fails("mysql+pymysql://u:hunter2@h:x/d",
		    "malformed url 'mysql+pymysql://u:***@h:x/d': port must be a number");
	assert_int_equal(dbt_dialect_parse(&k, "mysql"), 0);
	assert_int_equal(k, DBT_DIALECT_MYSQL);
	assert_int_equal(dbt_dialect_parse(&k, "mariadb"), 0);
	assert_int_equal(k, DBT_DIALECT_MYSQL);
}

/* ------------------------------------------------- secrecy of passwords */

static void error_in_password_url_never_shows_it(void **state)
{
	static const char *const bad[] = {
		"postgresql://u:s3cr%40t@h:xx/d", "postgresql://u:s3cr%40t@h:0/d",
		"postgresql://u:s3cr%40t@[::1/d", "postgresql://u:s3cr%40t@h/d%zz",
		"postgresql://u:s3cr%40t@h/d?x",  "postgresql://u:s3cr%40t@h/d?password=s3cr%40t&x",
		"postgresql://u:s3cr@t@h:xx/d",	  "postgresql://u:s3cr/t@h:xx/d",
		"postgresql://u:s3cr?t@h:xx/d",	  "postgresql://u:s3cr%40t@h/d?password=%zz",
		"postgresql+://u:s3cr%40t@h/d",	  "sqlite://u:s3cr%40t@h/a.db",
		"mysql://u:s3cr%40t@h:xx/d",	  "u:s3cr%40t@h/d",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		dbt_url u;

		assert_int_equal(dbt_url_parse(&u, bad[i]), DBT_EPARSE);
		if (strstr(dbt_error_last(), "s3cr"))
			fail_msg("message for '%s' shows the password: %s", bad[i],
				 dbt_error_last());
	}
}

/* The characters a password pasted into a URL trips over. */
static const char special_chars[] = "@/:?#[]% ";

/* `s` with every byte but letters percent-encoded. */
static void percent_encode(char *out, const char *s)
{
	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			*out++ = *s;
		else
			out += sprintf(out, "%%%02X", (unsigned char)*s);
	}
	*out = '\0';
}

/* Neither half of the password "Sec?ret" shows in `text`. */
static void no_secret_in(const char *what, const char *url, const char *text)
{
	if (strstr(text, "Sec") || strstr(text, "ret"))
		fail_msg("%s of '%s' shows the password: %s", what, url, text);
}

static void password_with_any_special_character_parses_and_never_shows(void **state)
{
	static const char *const shapes[][4] = {
		/* url around the password, host, port, database */
		{"postgresql://u:%s@h:5432/d", "h", "5432", "d"},
		{"postgresql://u:%s@/d?host=/tmp/pg&port=5", NULL, NULL, "d"},
		{"postgresql://u:%s@h/d?application_name=me@work", "h", NULL, "d"},
		{"postgresql://u:%s@[::1]:5433/d", "::1", "5433", "d"},
		{"postgresql://u:%s@h", "h", NULL, NULL},
	};
	size_t c, k, enc;

	(void)state;
	for (c = 0; special_chars[c]; c++) {
		char pw[16], coded[64], *given;

		snprintf(pw, sizeof(pw), "Sec%cret", special_chars[c]);
		percent_encode(coded, pw);
		for (enc = 0; enc < 2; enc++) {
			given = enc ? coded : pw;
			for (k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
				char url[160], *shown;
				dbt_url u;
				int rc;

				snprintf(url, sizeof(url), shapes[k][0], given);
				rc = dbt_url_parse(&u, url);
				if (rc) {
					/* Only a bare '%' makes the URL invalid. */
					if (enc || special_chars[c] != '%')
						fail_msg("'%s' did not parse: %s", url,
							 dbt_error_last());
					no_secret_in("the error", url, dbt_error_last());
					continue;
				}
				if (!enc && special_chars[c] == '%')
					fail_msg("'%s' parsed, with an invalid percent-encoding",
						 url);
				assert_string_equal(u.user, "u");
				assert_string_equal(u.password, pw);
				if (shapes[k][1])
					assert_string_equal(u.host, shapes[k][1]);
				else
					assert_null(u.host);
				if (shapes[k][2])
					assert_string_equal(u.port, shapes[k][2]);
				else
					assert_null(u.port);
				if (shapes[k][3])
					assert_string_equal(u.database, shapes[k][3]);
				else
					assert_null(u.database);
				shown = dbt_url_redact(&u);
				assert_non_null(shown);
				no_secret_in("the redaction", url, shown);
				free(shown);
				dbt_url_release(&u);
			}
		}
	}
}

static void url_without_at_sign_never_shows_what_may_be_a_password(void **state)
{
	static const char *const shapes[] = {
		"postgresql://u:%s/d",
		"postgresql://u:%s",
		"postgresql://u:%s/d?sslmode=disable",
		"sqlite://u:%s/a.db",
	};
	size_t c, k, enc;

	(void)state;
	for (c = 0; special_chars[c]; c++) {
		char pw[16], coded[64];

		if (special_chars[c] == '@')
			continue; /* then it has one, and "u:Sec@ret" is a host "ret" */
		snprintf(pw, sizeof(pw), "Sec%cret", special_chars[c]);
		percent_encode(coded, pw);
		for (enc = 0; enc < 2; enc++) {
			for (k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
				char url[160];
				dbt_url u;

				snprintf(url, sizeof(url), shapes[k], enc ? coded : pw);
				if (dbt_url_parse(&u, url) == 0)
					fail_msg("'%s' parsed: a port must be a number", url);
				no_secret_in("the error", url, dbt_error_last());
			}
		}
	}
	parse_fails("postgresql://u:Secret/db",
		    "malformed url 'postgresql://u:***': port must be a number (with no '@' after "
		    "it, "
		    "the text after ':' is a port: a password goes in user:password@host)");
}

static void password_runs_to_the_last_at_sign_before_a_host(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://u:p@ss/w@rd@host/db");
	assert_string_equal(u.password, "p@ss/w@rd");
	assert_string_equal(u.host, "host");
	assert_string_equal(u.database, "db");
	dbt_url_release(&u);
	parse_ok(&u, "postgresql://u:1234/56@host/db");
	assert_string_equal(u.password, "1234/56");
	assert_string_equal(u.host, "host");
	dbt_url_release(&u);
	parse_ok(&u, "postgresql://u:p?x=1@h/d?application_name=a@b");
	assert_string_equal(u.password, "p?x=1");
	assert_string_equal(u.host, "h");
	assert_string_equal(u.values[0], "a@b");
	dbt_url_release(&u);
}

static void password_query_parameter_is_masked_in_errors(void **state)
{
	(void)state;
	parse_fails("postgresql://h:0/d?sslmode=require&PassWord=hunter2&a=1",
		    "malformed url 'postgresql://h:0/d?sslmode=require&PassWord=***&a=1': "
		    "port must be between 1 and 65535");
	parse_fails("postgresql://h:0/d?pass%77ord=hunter2",
		    "malformed url 'postgresql://h:0/d?pass%77ord=***': port must be between 1 and "
		    "65535");
}

static void redact_hides_password(void **state)
{
	dbt_url u;
	char *s;

	(void)state;
	parse_ok(&u, "postgresql://u:s3cr%40t@h:5432/d");
	assert_string_equal(u.password, "s3cr@t");
	s = dbt_url_redact(&u);
	assert_non_null(s);
	assert_string_equal(s, "postgresql://u:***@h:5432/d");
	assert_null(strstr(s, "s3cr"));
	free(s);
	dbt_url_release(&u);
}

static void redact_hides_password_query_parameter(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://h/d?user=u&password=s3cr%40t&sslmode=require");
	assert_string_equal(u.values[1], "s3cr@t");
	redacts_to(&u, "postgresql://h/d?user=u&password=***&sslmode=require");
	dbt_url_release(&u);
}

static void redact_without_password_has_no_stars(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgres://bob@localhost/app");
	redacts_to(&u, "postgres://bob@localhost/app");
	dbt_url_release(&u);
	parse_ok(&u, "postgresql://:pw@h/d");
	redacts_to(&u, "postgresql://:***@h/d");
	dbt_url_release(&u);
}

static void redact_omits_absent_parts(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://");
	redacts_to(&u, "postgresql://");
	dbt_url_release(&u);
	parse_ok(&u, "postgresql+psycopg2://:5433/d");
	redacts_to(&u, "postgresql+psycopg2://:5433/d");
	dbt_url_release(&u);
}

static void redact_sqlite_forms(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "sqlite:///rel.db");
	redacts_to(&u, "sqlite:///rel.db");
	dbt_url_release(&u);
	parse_ok(&u, "sqlite:////abs/path.db?mode=ro");
	redacts_to(&u, "sqlite:////abs/path.db?mode=ro");
	dbt_url_release(&u);
	parse_ok(&u, "sqlite:///:memory:");
	redacts_to(&u, "sqlite://");
	dbt_url_release(&u);
}

static void redact_encodes_what_needs_it(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://al%40ice:pw@%2Ftmp%2Fpg/my%20db%3F?application_name=a%26b%3Dc");
	redacts_to(&u,
		   "postgresql://al%40ice:***@%2Ftmp%2Fpg/my%20db%3F?application_name=a%26b%3Dc");
	dbt_url_release(&u);
	parse_ok(&u, "postgresql://[fe80::1%25eth0]:5432/d");
	redacts_to(&u, "postgresql://[fe80::1%25eth0]:5432/d");
	dbt_url_release(&u);
}

static void redact_of_a_struct_without_scheme_names_the_dialect(void **state)
{
	dbt_url u = {0};
	char host[] = "h";

	(void)state;
	u.kind = DBT_DIALECT_POSTGRES;
	u.host = host;
	redacts_to(&u, "postgresql://h");
	u.kind = DBT_DIALECT_SQLITE;
	u.host = NULL;
	redacts_to(&u, "sqlite://");
}

/* The redacted form parses back to the same parts, "***" aside. */
static void redacted_url_parses_back(void **state)
{
	static const char *const urls[] = {
		"postgresql://al%40i%3Ace:s3cr%40t@%2Fvar%2Frun%2Fpg:6432/d%2Fb?host=/tmp/s&"
		"application_name=x%26y%3Dz+w&options=-c%20a%3Db",
		"postgresql://[::1]:5432/db%40x?a=%40",
		"postgres://u@h/d%23e",
		"sqlite:////tmp/a%20b%3Fc%25.db?mode=ro",
		"sqlite:///sub/x.db",
		"postgresql://h:5432/d?application_name=me@work",
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		dbt_url a, b;
		char *s;

		parse_ok(&a, urls[i]);
		s = dbt_url_redact(&a);
		assert_non_null(s);
		assert_null(strstr(s, "s3cr"));
		parse_ok(&b, s);
		assert_int_equal(a.kind, b.kind);
		assert_string_equal(a.scheme, b.scheme);
/* clang-format off */
#define SAME(f)                                                                                    \
	do {                                                                                       \
		if (a.f || b.f) {                                                                  \
			assert_non_null(a.f);                                                      \
			assert_non_null(b.f);                                                      \
			assert_string_equal(a.f, b.f);                                             \
		}                                                                                  \
	} while (0)
		/* clang-format on */
		SAME(user);
		SAME(host);
		SAME(port);
		SAME(database);
#undef SAME
		assert_true(!a.password == !b.password);
		if (b.password)
			assert_string_equal(b.password, "***");
		assert_int_equal(a.nparams, b.nparams);
		for (k = 0; k < a.nparams; k++) {
			assert_string_equal(a.keys[k], b.keys[k]);
			assert_string_equal(a.values[k], b.values[k]);
		}
		free(s);
		dbt_url_release(&a);
		dbt_url_release(&b);
	}
}

static void release_twice_is_harmless(void **state)
{
	dbt_url u;

	(void)state;
	parse_ok(&u, "postgresql://u:p@h/d?a=b");
	dbt_url_release(&u);
	assert_null(u.keys);
	assert_int_equal(u.nparams, 0);
	dbt_url_release(&u);
	dbt_url_release(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sqlite_relative_path),
		cmocka_unit_test(mysql_full_url),
		cmocka_unit_test(mysql_mariadb_and_sqlalchemy_drivers),
		cmocka_unit_test(mysql_unix_socket_as_sqlalchemy_writes_it),
		cmocka_unit_test(mysql_known_parameters),
		cmocka_unit_test(mysql_unknown_parameter_is_an_error),
		cmocka_unit_test(mysql_malformed_parts_are_errors),
		cmocka_unit_test(mysql_urls_are_taken_by_the_public_parser),
		cmocka_unit_test(sqlite_relative_path_in_subfolder),
		cmocka_unit_test(sqlite_absolute_path),
		cmocka_unit_test(sqlite_without_path_is_memory),
		cmocka_unit_test(sqlite_memory_keyword_is_memory),
		cmocka_unit_test(sqlite_driver_suffix_is_ignored),
		cmocka_unit_test(sqlite_path_is_percent_decoded),
		cmocka_unit_test(sqlite_path_may_hold_at_sign_and_colon),
		cmocka_unit_test(sqlite_query_parameters_are_kept),
		cmocka_unit_test(sqlite_host_is_an_error),
		cmocka_unit_test(sqlite_memory_written_as_host_is_an_error),
		cmocka_unit_test(sqlite_user_is_an_error_without_showing_password),
		cmocka_unit_test(postgres_full_url),
		cmocka_unit_test(postgres_short_scheme),
		cmocka_unit_test(postgres_driver_suffix_is_ignored),
		cmocka_unit_test(postgres_dialect_name_ignores_case),
		cmocka_unit_test(postgres_every_part_optional),
		cmocka_unit_test(postgres_port_without_host),
		cmocka_unit_test(postgres_user_without_host),
		cmocka_unit_test(postgres_empty_password_is_absent),
		cmocka_unit_test(postgres_password_without_user),
		cmocka_unit_test(postgres_parts_are_percent_decoded),
		cmocka_unit_test(postgres_percent_decoding_accepts_either_case),
		cmocka_unit_test(postgres_unencoded_password_characters),
		cmocka_unit_test(postgres_at_sign_in_query_is_not_userinfo),
		cmocka_unit_test(postgres_socket_folder_in_host),
		cmocka_unit_test(postgres_socket_folder_in_query),
		cmocka_unit_test(postgres_ipv6_host),
		cmocka_unit_test(postgres_ipv6_zone_is_decoded),
		cmocka_unit_test(postgres_ipv6_with_at_sign_in_query),
		cmocka_unit_test(postgres_query_parameters_in_order),
		cmocka_unit_test(postgres_query_skips_empty_pairs),
		cmocka_unit_test(postgres_query_key_is_decoded),
		cmocka_unit_test(empty_url_is_an_error),
		cmocka_unit_test(text_without_scheme_is_not_quoted),
		cmocka_unit_test(unsupported_dialect),
		cmocka_unit_test(empty_driver_is_an_error),
		cmocka_unit_test(port_must_be_a_number),
		cmocka_unit_test(port_must_be_in_range),
		cmocka_unit_test(invalid_percent_encoding_names_the_part),
		cmocka_unit_test(encoded_nul_byte_is_an_error),
		cmocka_unit_test(ipv6_errors),
		cmocka_unit_test(query_parameter_without_value_is_an_error),
		cmocka_unit_test(error_in_password_url_never_shows_it),
		cmocka_unit_test(password_with_any_special_character_parses_and_never_shows),
		cmocka_unit_test(url_without_at_sign_never_shows_what_may_be_a_password),
		cmocka_unit_test(password_runs_to_the_last_at_sign_before_a_host),
		cmocka_unit_test(password_query_parameter_is_masked_in_errors),
		cmocka_unit_test(redact_hides_password),
		cmocka_unit_test(redact_hides_password_query_parameter),
		cmocka_unit_test(redact_without_password_has_no_stars),
		cmocka_unit_test(redact_omits_absent_parts),
		cmocka_unit_test(redact_sqlite_forms),
		cmocka_unit_test(redact_encodes_what_needs_it),
		cmocka_unit_test(redact_of_a_struct_without_scheme_names_the_dialect),
		cmocka_unit_test(redacted_url_parses_back),
		cmocka_unit_test(release_twice_is_harmless),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
