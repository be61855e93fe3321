from scriptorium.cli import main

main()
