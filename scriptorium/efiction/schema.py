"""eFiction 3.5's tables as its install script creates them (public facts, written out as schema), for the
benchmark's generated archive (``scriptorium bench_efiction``) and the tests' own small archives."""

from __future__ import annotations

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
