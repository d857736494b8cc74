from diplograph.cli.app import main

main()
