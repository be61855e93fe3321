"""A throwaway eFiction database in MariaDB for the tests: eFiction 3.5's tables (``scriptorium.efiction.schema``)
filled with our own rows.

MariaDB runs at 127.0.0.1:3306 (root, no password) on the developers' and the CI machine; SCRIPTORIUM_TEST_MYSQL
names another server. The tests fail, never skip, when it cannot be reached.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Sequence

import pymysql

from scriptorium.efiction.schema import SCHEMA

SERVER = os.environ.get("SCRIPTORIUM_TEST_MYSQL", "mysql://root@127.0.0.1:3306")


def server_connect(database: str | None = None) -> pymysql.connections.Connection:
    from scriptorium.efiction.reader import address_parse

    address = address_parse(f"{SERVER}/{database or 'mysql'}")
    try:
        return pymysql.connect(
            host=address.host,
            port=address.port,
            user=address.user,
            password=address.password,
            database=database,
            charset="utf8mb4",
            autocommit=True,
        )
    except pymysql.MySQLError as exc:
        raise RuntimeError(
            f"MariaDB/MySQL is needed for the eFiction tests and is not reachable at {SERVER} ({exc}); start it "
            "(CI starts it in .ci/run) or name another server in SCRIPTORIUM_TEST_MYSQL."
        ) from exc


class EfictionDatabase:
    """One database with eFiction's tables (``prefix`` + name), made on the server and dropped by :meth:`drop`."""

    def __init__(self, *, prefix: str = "fanfiction_", without: Iterable[str] = (), name: str = "") -> None:
        self.name = name or f"scriptorium_test_efiction_{secrets.token_hex(4)}"
        self.prefix = prefix
        self.tables = [table for table in SCHEMA if table not in without]
        self.connection = server_connect()
        with self.connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE `{self.name}` CHARACTER SET latin1")
            cursor.execute(f"USE `{self.name}`")
            for table in self.tables:
                cursor.execute(f"CREATE TABLE `{prefix}{table}` {SCHEMA[table]} ENGINE=InnoDB DEFAULT CHARSET=latin1")

    @property
    def url(self) -> str:
        return f"{SERVER}/{self.name}"

    def insert(self, table: str, rows: Sequence[dict]) -> None:
        if not rows:
            return
        columns = list(rows[0])
        names = ", ".join(f"`{c}`" for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO `{self.prefix}{table}` ({names}) VALUES ({marks})",  # noqa: S608 (our own names)
                [tuple(row[c] for c in columns) for row in rows],
            )

    def execute(self, sql: str) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(sql)

    def drop(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{self.name}`")
        self.connection.close()
