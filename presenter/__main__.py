from presenter.cli import main

main()
