"""A throwaway eFiction database in MariaDB for the tests (and the benchmark's shape): eFiction 3.5's public table
definitions (its install script; facts, reproduced as schema) filled with our own rows.

MariaDB runs at 127.0.0.1:3306 (root, no password) on the developers' and the CI machine; SCRIPTORIUM_TEST_MYSQL
names another server. The tests fail, never skip, when it cannot be reached.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Sequence

import pymysql

SERVER = os.environ.get("SCRIPTORIUM_TEST_MYSQL", "mysql://root@127.0.0.1:3306")

SCHEMA: dict[str, str] = {
    "authors": """(
        uid int(11) NOT NULL AUTO_INCREMENT, penname varchar(200) NOT NULL DEFAULT '',
        realname varchar(200) NOT NULL DEFAULT '', email varchar(200) NOT NULL DEFAULT '',
        website varchar(200) NOT NULL DEFAULT '', bio text, image varchar(200) NOT NULL DEFAULT '',
        date datetime DEFAULT NULL, admincreated char(1) NOT NULL DEFAULT '0',
        password varchar(40) NOT NULL DEFAULT '0', PRIMARY KEY (uid))""",
    "categories": """(
        catid int(11) NOT NULL AUTO_INCREMENT, parentcatid int(11) NOT NULL DEFAULT -1,
        category varchar(60) NOT NULL DEFAULT '', description text NOT NULL DEFAULT '',
        image varchar(100) NOT NULL DEFAULT '', locked char(1) NOT NULL DEFAULT '0',
        leveldown tinyint(4) NOT NULL DEFAULT 0, displayorder int(11) NOT NULL DEFAULT 0,
        numitems int(11) NOT NULL DEFAULT 0, PRIMARY KEY (catid))""",
    "challenges": """(
        chalid int(11) NOT NULL AUTO_INCREMENT, challenger varchar(200) NOT NULL DEFAULT '',
        uid int(11) NOT NULL DEFAULT 0, title varchar(250) NOT NULL DEFAULT '',
        catid varchar(200) NOT NULL DEFAULT '', characters varchar(200) NOT NULL DEFAULT '',
        summary text NOT NULL DEFAULT '', responses int(11) NOT NULL DEFAULT 0, PRIMARY KEY (chalid))""",
    "chapters": """(
        chapid int(11) NOT NULL AUTO_INCREMENT, title varchar(250) NOT NULL DEFAULT '',
        inorder int(11) NOT NULL DEFAULT 0, notes text NOT NULL DEFAULT '', storytext text,
        endnotes text DEFAULT NULL, validated char(1) NOT NULL DEFAULT '0', wordcount int(11) NOT NULL DEFAULT 0,
        rating tinyint(4) NOT NULL DEFAULT 0, reviews smallint(6) NOT NULL DEFAULT 0,
        sid int(11) NOT NULL DEFAULT 0, uid int(11) NOT NULL DEFAULT 0, count int(11) NOT NULL DEFAULT 0,
        PRIMARY KEY (chapid), KEY sid (sid))""",
    "characters": """(
        charid int(11) NOT NULL AUTO_INCREMENT, catid int(11) NOT NULL DEFAULT 0,
        charname varchar(60) NOT NULL DEFAULT '', bio text NOT NULL DEFAULT '',
        image varchar(200) NOT NULL DEFAULT '', PRIMARY KEY (charid))""",
    "classes": """(
        class_id int(11) NOT NULL AUTO_INCREMENT, class_type int(11) NOT NULL DEFAULT 0,
        class_name varchar(100) NOT NULL DEFAULT '', PRIMARY KEY (class_id))""",
    "classtypes": """(
        classtype_id int(11) NOT NULL AUTO_INCREMENT, classtype_name varchar(50) NOT NULL DEFAULT '',
        classtype_title varchar(50) NOT NULL DEFAULT '', PRIMARY KEY (classtype_id))""",
    "coauthors": """(
        sid int(11) NOT NULL DEFAULT 0, uid int(11) NOT NULL DEFAULT 0, PRIMARY KEY (sid, uid))""",
    "inseries": """(
        seriesid int(11) NOT NULL DEFAULT 0, sid int(11) NOT NULL DEFAULT 0,
        subseriesid int(11) NOT NULL DEFAULT 0, confirmed int(11) NOT NULL DEFAULT 0,
        inorder int(11) NOT NULL DEFAULT 0, PRIMARY KEY (sid, seriesid, subseriesid))""",
    "ratings": """(
        rid int(11) NOT NULL AUTO_INCREMENT, rating varchar(60) NOT NULL DEFAULT '',
        ratingwarning char(1) NOT NULL DEFAULT '0', warningtext text NOT NULL DEFAULT '', PRIMARY KEY (rid))""",
    "reviews": """(
        reviewid int(11) NOT NULL AUTO_INCREMENT, item int(11) NOT NULL DEFAULT 0,
        chapid int(11) NOT NULL DEFAULT 0, reviewer varchar(60) NOT NULL DEFAULT '0',
        uid int(11) NOT NULL DEFAULT 0, review text NOT NULL DEFAULT '', date datetime DEFAULT NULL,
        rating int(11) NOT NULL DEFAULT 0, respond char(1) NOT NULL DEFAULT '0',
        type varchar(2) NOT NULL DEFAULT 'ST', PRIMARY KEY (reviewid), KEY item (type, item))""",
    "series": """(
        seriesid int(11) NOT NULL AUTO_INCREMENT, title varchar(200) NOT NULL DEFAULT '', summary text,
        uid int(11) NOT NULL DEFAULT 0, isopen tinyint(4) NOT NULL DEFAULT 0,
        catid varchar(200) NOT NULL DEFAULT '0', classes varchar(200) DEFAULT NULL,
        rating tinyint(4) NOT NULL DEFAULT 0, warnings varchar(250) NOT NULL DEFAULT '',
        genres varchar(250) NOT NULL DEFAULT '', characters varchar(250) NOT NULL DEFAULT '',
        reviews smallint(6) NOT NULL DEFAULT 0, challenges varchar(200) NOT NULL DEFAULT '0',
        numstories int(11) NOT NULL DEFAULT 0, PRIMARY KEY (seriesid))""",
    "stories": """(
        sid int(11) NOT NULL AUTO_INCREMENT, title varchar(200) NOT NULL DEFAULT '', summary text,
        storynotes text, catid varchar(100) NOT NULL DEFAULT '0', classes varchar(200) DEFAULT NULL,
        charid varchar(250) NOT NULL DEFAULT '0', rid varchar(25) NOT NULL DEFAULT '0',
        date datetime DEFAULT NULL, updated datetime DEFAULT NULL, uid int(11) NOT NULL DEFAULT 0,
        coauthors varchar(200) DEFAULT NULL, featured char(1) NOT NULL DEFAULT '0',
        validated char(1) NOT NULL DEFAULT '0', completed char(1) NOT NULL DEFAULT '0',
        rr char(1) NOT NULL DEFAULT '0', wordcount int(11) NOT NULL DEFAULT 0,
        rating tinyint(4) NOT NULL DEFAULT 0, reviews smallint(6) NOT NULL DEFAULT 0,
        count int(11) NOT NULL DEFAULT 0, challenges varchar(200) NOT NULL DEFAULT '0', PRIMARY KEY (sid))""",
}


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
